// Renders a topology's deployment (Kubernetes manifests, a compose file) from its topology file.
// The topology schema's decorators need the metadata API before anything loads it.
import 'reflect-metadata';
export * from './deploy-plan';
export * from './rendered-file';
export * from './render-deployment';
export * from './render-kubernetes';
export * from './render-compose';
export * from './shipped-topologies';
