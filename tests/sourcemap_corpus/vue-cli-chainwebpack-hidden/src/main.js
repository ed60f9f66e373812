import { createApp, h } from 'vue';
import { greet } from './util.js';

createApp({ render: () => h('p', greet('world')) }).mount('#app');
