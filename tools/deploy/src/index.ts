// Renders a topology's deployment (Kubernetes manifests, a compose file) from its topology file.
export * from './deploy-plan';
export * from './rendered-file';
export * from './render-deployment';
export * from './render-kubernetes';
export * from './render-compose';
export * from './shipped-topologies';
