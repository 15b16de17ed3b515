export { createHasherService } from './service';
export { hashContent } from './hash-content';
