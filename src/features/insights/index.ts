// The insights feature's door: its plugin (/insights, its CSV files and /api/v1/insights) and
// what other features and the server's jobs may use. It owns the snapshots of the figures.
export { default } from './routes.ts';
export { currentInsights, refreshInsights } from './service.ts';
