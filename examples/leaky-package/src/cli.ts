import { price } from './index';
console.log(price(Number(process.argv[2] ?? 100), 'pro'));
