export { ALL_SERVICES, type AllServicesContext } from './services';
