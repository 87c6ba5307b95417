// The site feature's door: its plugin (home, accessibility statement, privacy notice, /healthz).
// It owns no tables.
export { default } from './routes.ts';
