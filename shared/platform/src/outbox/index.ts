export { enqueueEvent, pendingOutboxCount } from './outbox';
export { OutboxRelay, type OutboxRelayOptions } from './outbox-relay';
