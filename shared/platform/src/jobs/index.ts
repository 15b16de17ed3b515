export { JobRunner, type Job, type JobHandler, type JobHandlerOptions, type JobRunnerOptions, type RecurringOptions } from './job-runner';
export { cancelJob, findJob, scheduleJob, type JobRow, type JobState, type ScheduleJob, type ScheduleOutcome } from './job-store';
export { Period, type Recurrence } from './recurrence';
export { JobMetrics } from './job-metrics';
