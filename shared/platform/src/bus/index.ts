export * from './bus';
export { InProcessBus, type DeadLetter } from './in-process-bus';
export { KafkaBus } from './kafka-bus';
export { createBus } from './create-bus';
export { sleep } from './deliver';
export { recordDeadLetter, listDeadLetters, replayDeadLetters, type DeadLetterRow, type NewDeadLetter, type ReplayResult } from './dead-letters';
