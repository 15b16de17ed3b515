export { createChatIntakeService, type ChatIntakeService } from './service';
export { chatIntakeService } from './descriptor';
export { chatIntakeConfig, chatIntakeSecrets, type ChatIntakeConfig, type ChatIntakeContext } from './config';
export { buildChatIntakeApp } from './app';
export type { ChatPlatform, InboundMessage, MediaRef } from './platforms/chat-platform';
