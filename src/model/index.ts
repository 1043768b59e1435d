/** The model: types (and the closed vocabularies) shared by every stage. No behaviour. */
export * from './common.js';
export * from './property-types.js';
export * from './property.js';
export * from './desired.js';
export * from './live.js';
export * from './lock.js';
export * from './ref.js';
export * from './manual.js';
export * from './plan.js';
export * from './apply.js';
export * from './migration.js';
export * from './environment.js';
export * from './view.js';
