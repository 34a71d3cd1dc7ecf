/** Event contracts: producers and consumers import the same schema. */
export * from './sources';
export * from './record-accepted.v1';
export * from './warning-raised.v1';
export * from './warning-resolved.v1';
export * from './assistance-changed.v1';
export * from './work-item.v1';
export * from './warning-referred.v1';
export * from './rules';
export * from './household-rolled.v1';
export * from './what-if-requested.v1';
