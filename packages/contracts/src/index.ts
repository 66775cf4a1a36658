export * from './common.js';
export * from './errors.js';
export * from './permissions.js';
export * from './auth.js';
export * from './admin.js';
export * from './health.js';
export * from './customers.js';
export * from './work-orders.js';
