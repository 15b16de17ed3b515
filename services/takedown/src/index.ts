export { takedownService } from './descriptor';
export { createTakedownService } from './service';
export { takedownConfig, takedownSecrets, type TakedownContext } from './config';
