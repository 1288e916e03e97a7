import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { invalidField } from '../domain/errors.ts';
import { handleError, withCode } from './errors.ts';

describe('field errors carry a stable code and params beside the English message', () => {
  it('a date outside the plan names both plan dates as YYYY-MM-DD', () => {
    expect(
      withCode({ path: 'body/scheduledAt', message: 'must fall within the plan (2026-12-07 to 2027-02-28)' }),
    ).toEqual({
      path: 'body/scheduledAt',
      message: 'must fall within the plan (2026-12-07 to 2027-02-28)',
      code: 'date_outside_plan',
      params: { start: '2026-12-07', end: '2027-02-28' },
    });
  });

  it('known wordings get their code; an unknown one keeps its message and has no code', () => {
    expect(withCode({ path: 'body/measurements/0/date', message: 'must not be in the future' }).code).toBe(
      'not_in_future',
    );
    expect(withCode({ path: 'body/ratings/0/focusAreaId', message: 'rated twice' }).code).toBe('duplicate');
    expect(withCode({ path: 'body', message: 'send at least one field to change' })).toEqual({
      path: 'body',
      message: 'send at least one field to change',
    });
  });

  it('a 422 from the request schema and one from a service both carry codes', async () => {
    const app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    app.setErrorHandler(handleError);
    app.post(
      '/things',
      { schema: { body: z.object({ title: z.string().min(1).max(5), count: z.number().min(2) }) } },
      async () => ({}),
    );
    app.post('/dates', async () => {
      throw invalidField('body/date', 'must fall within the plan (2026-12-07 to 2027-02-28)');
    });
    const bad = await app.inject({
      method: 'POST',
      url: '/things',
      payload: { title: 'far too long', count: 1 },
    });
    expect(bad.statusCode).toBe(422);
    const errors = bad.json().errors as { path: string; code: string; params?: object; message: string }[];
    expect(errors.find((e) => e.path === 'body/title')).toMatchObject({
      code: 'too_long',
      params: { max: 5 },
    });
    expect(errors.find((e) => e.path === 'body/count')).toMatchObject({
      code: 'too_small',
      params: { min: 2 },
    });
    expect(errors.every((e) => e.message.length > 0)).toBe(true);
    const missing = await app.inject({ method: 'POST', url: '/things', payload: { count: 3 } });
    expect(missing.json().errors).toMatchObject([{ path: 'body/title', code: 'required' }]);
    const outside = await app.inject({ method: 'POST', url: '/dates', payload: {} });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().errors).toEqual([
      {
        path: 'body/date',
        message: 'must fall within the plan (2026-12-07 to 2027-02-28)',
        code: 'date_outside_plan',
        params: { start: '2026-12-07', end: '2027-02-28' },
      },
    ]);
    await app.close();
  });
});
