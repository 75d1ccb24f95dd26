// Schema validation of rendered output, for the specs of the renderer and of the extract generator.
export * from './validate-kubernetes';
export * from './validate-compose';
