export { ALL_SERVICES } from './factories';
