import { z } from 'zod';
import { PullResponse, PushRequest, PushResponse } from '../../sync/protocol.js';
import { CaseStatusAnswer } from '../status/statusQuery.js';
import { ApiError } from './errors.js';
import { LoginRequest, LoginResponse } from './schemas.js';

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any', target: 'openapi-3.0' });

const json = (ref: string) => ({ content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } } });
const error = (description: string) => ({ description, ...json('ApiError') });
const bearer = [{ bearer: [] }];

/** Paths written by hand; every body schema is generated from the zod schema the route validates with. */
export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.0.3',
    info: { title: 'ALO 153 central case server', version: '1' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        ApiError: schema(ApiError),
        LoginRequest: schema(LoginRequest),
        LoginResponse: schema(LoginResponse),
        PushRequest: schema(PushRequest),
        PushResponse: schema(PushResponse),
        PullResponse: schema(PullResponse),
        CaseStatusAnswer: schema(CaseStatusAnswer),
      },
    },
    paths: {
      '/api/v1/health': { get: { summary: 'Liveness and database reachability', responses: { 200: { description: 'ok' }, 503: { description: 'database unreachable' } } } },
      '/api/v1/auth/login': {
        post: { summary: 'Log in; returns an expiring bearer token', requestBody: json('LoginRequest'), responses: { 200: { description: 'ok', ...json('LoginResponse') }, 400: error('invalid request'), 401: error('wrong username or password') } },
      },
      '/api/v1/auth/logout': { post: { summary: 'End this token', security: bearer, responses: { 204: { description: 'ok' }, 401: error('no valid token') } } },
      '/api/v1/sync/push': {
        post: {
          summary: 'Push a batch of case changes, idempotent by change id',
          security: bearer,
          requestBody: json('PushRequest'),
          responses: { 200: { description: 'ok', ...json('PushResponse') }, 400: error('invalid request'), 401: error('no valid token'), 403: error('role may not push') },
        },
      },
      '/api/v1/sync/pull': {
        get: {
          summary: 'Changes after a cursor, in server order, that the account may see',
          security: bearer,
          parameters: [
            { name: 'cursor', in: 'query', schema: { type: 'string' } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000 } },
          ],
          responses: { 200: { description: 'ok', ...json('PullResponse') }, 400: error('invalid request'), 401: error('no valid token') },
        },
      },
      '/api/v1/status/{applicationNo}': {
        get: {
          summary: "A citizen's status query; an unknown number and a wrong code get the same answer",
          parameters: [
            { name: 'applicationNo', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'code', in: 'query', required: true, schema: { type: 'string' } },
          ],
          responses: { 200: { description: 'ok', ...json('CaseStatusAnswer') }, 404: error('unknown number or wrong code'), 429: error('too many queries') },
        },
      },
    },
  };
}
