// Rate limits for signed-in forms, counted per account rather than per address: people in one
// clinic or behind one network do not use up each other's allowance. They run after the
// account is known (preHandler), and they name their own key prefix, so each limit counts only
// its own route.
import type { FastifyRequest } from 'fastify';

export function perAccount(name: string, max: number, timeWindow: number) {
  return {
    max,
    timeWindow,
    hook: 'preHandler' as const,
    keyGenerator: (request: FastifyRequest) => `${name}:${request.actor?.id ?? request.ip}`,
  };
}
