export { customerTimeline, type TimelineEntry } from './customer-timeline.ts';
export { timelineRoutes } from './routes.ts';
export { TIMELINE_KINDS, type TimelineKind } from './timeline-sources.ts';
