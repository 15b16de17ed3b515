export { createHasherService } from './service';
export { hasherService } from './descriptor';
export { hasherConfig, hasherSecrets, type HasherContext } from './config';
export { hashContent } from './hash-content';
