import { greet } from './util';

console.log(greet('world'));

export { greet };
