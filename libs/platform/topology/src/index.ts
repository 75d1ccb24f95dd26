// Which unit hosts what: the topology file, checked, and the unit this process is.
export * from './topology.schema';
export * from './load-topology';
export * from './topology-units';
