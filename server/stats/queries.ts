/** The statistics in SQL (docs/METRICS.md, "How the server computes them"): one function per route. */
export { querySummary } from './summaryQueries';
export { queryTechnicians } from './technicianQueries';
export { queryCategories } from './categoryQueries';
export { queryBacklog } from './backlogQueries';
export { queryProblems } from './problemQueries';
export { queryTrainingImpact } from './trainingImpactQueries';
