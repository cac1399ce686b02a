// The app registry: one line per app folder. Adding an app is a folder and a line here.

export { interact } from './interact/index.js';
export { outreach } from './outreach/index.js';
export { profitco } from './profitco/index.js';
export { salesforce } from './salesforce/index.js';
export { sparkpost } from './sparkpost/index.js';
