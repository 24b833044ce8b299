export { previewAssessment } from './preview-assessment.ts';
export { type AssessmentPreview, AssessmentPreviewSchema } from './preview-schemas.ts';
export { assessmentPreviewRoutes } from './routes.ts';
