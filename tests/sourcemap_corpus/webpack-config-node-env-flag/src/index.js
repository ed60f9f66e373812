import { greet } from './util.js';

console.log(greet('world'));

export { greet };
