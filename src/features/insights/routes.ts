// Public insight: /insights (charts with tables), every figure as CSV, and the same as JSON at
// /api/v1/insights.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { toCsv } from '../../platform/formats/csv.ts';
import { createTemplateEnvironment } from '../../platform/views.ts';
import { withCharts } from './present/figures.ts';
import { currentInsights, followChanges, type Insights } from './service.ts';

const CsvParams = Type.Object({ file: Type.String({ pattern: '^[a-z-]{1,40}\\.csv$' }) });

const FigureJson = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  headline: Type.Optional(Type.String()),
  columns: Type.Array(Type.String()),
  rows: Type.Array(Type.Array(Type.Union([Type.String(), Type.Number(), Type.Null()]))),
  suppressed: Type.Boolean(),
});
const InsightsJson = Type.Object({ computedAt: Type.String(), k: Type.Integer(), figures: Type.Array(FigureJson) });

export default async function insights(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = fastify;
  followChanges();

  // The figures' HTML depends only on the snapshot, so it is rendered once per snapshot. Keyed
  // by the snapshot's time, read from the database: every instance shows the same figures.
  const templates = createTemplateEnvironment(fastify.config);
  let rendered: { computedAt: string; html: string } | undefined;
  const figuresHtml = (data: Insights): string => {
    if (rendered?.computedAt !== data.computedAt) {
      rendered = { computedAt: data.computedAt, html: templates.render('insights/views/figures.njk', { figures: withCharts(data.figures) }) };
    }
    return rendered.html;
  };

  app.get('/insights', { config: { policy: 'public' } }, async (_request, reply) => {
    const data = await currentInsights(db);
    return reply.view('insights/views/insights.njk', { pageTitle: 'How we coproduce: insight', figures: data.figures, figuresHtml: figuresHtml(data), computedAt: data.computedAt });
  });

  app.get('/insights/:file', { config: { policy: 'public' }, schema: { params: CsvParams } }, async (request, reply) => {
    const id = request.params.file.replace(/\.csv$/, '');
    const figure = (await currentInsights(db)).figures.find((f) => f.id === id);
    if (!figure) return reply.callNotFound();
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="withme-${figure.id}.csv"`)
      .send(toCsv(figure.columns, figure.rows));
  });

  app.get('/api/v1/insights', { config: { policy: 'public' }, schema: { response: { 200: InsightsJson } } }, async () => {
    const data = await currentInsights(db);
    return {
      computedAt: data.computedAt,
      k: 5,
      figures: data.figures.map((f) => ({ id: f.id, title: f.title, description: f.description, ...(f.headline ? { headline: f.headline } : {}), columns: f.columns, rows: f.rows, suppressed: f.suppressed })),
    };
  });
}
