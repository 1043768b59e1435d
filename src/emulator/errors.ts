/**
 * Errors answered in Notion's envelope (notion-api.md §4.2). Handlers throw `ApiError`; the
 * server turns it into `{object:"error", status, code, message, request_id, additional_data?}`.
 */

/** The error codes the emulator answers with (the SDK's enum plus `missing_version` and `bad_gateway`). */
export type ApiErrorCode =
  | 'invalid_json' | 'invalid_request_url' | 'invalid_request' | 'validation_error' | 'missing_version'
  | 'unauthorized' | 'restricted_resource' | 'object_not_found' | 'conflict_error' | 'rate_limited'
  | 'internal_server_error' | 'bad_gateway' | 'service_unavailable' | 'gateway_timeout' | 'service_overload'
  | 'database_connection_unavailable';

/** Default HTTP status for each code. */
export const STATUS_OF: Readonly<Record<ApiErrorCode, number>> = {
  invalid_json: 400, invalid_request_url: 400, invalid_request: 400, validation_error: 400, missing_version: 400,
  unauthorized: 401, restricted_resource: 403, object_not_found: 404, conflict_error: 409, rate_limited: 429,
  internal_server_error: 500, bad_gateway: 502, service_unavailable: 503, gateway_timeout: 504,
  service_overload: 529, database_connection_unavailable: 503,
};

/** An API error answer. `headers` are extra response headers (e.g. Retry-After). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly additionalData?: Readonly<Record<string, unknown>>,
    readonly headers: Readonly<Record<string, string>> = {},
    readonly status: number = STATUS_OF[code],
  ) {
    super(message);
  }

  static validation(message: string): ApiError {
    return new ApiError('validation_error', message);
  }

  static notFound(kind: string, id: string): ApiError {
    return new ApiError('object_not_found',
      `Could not find ${kind} with ID: ${id}. Make sure the relevant pages and databases are shared with your integration.`);
  }
}

/** The JSON body of an error answer. */
export function errorBody(err: ApiError, requestId: string): Record<string, unknown> {
  const body: Record<string, unknown> = {
    object: 'error', status: err.status, code: err.code, message: err.message, request_id: requestId,
  };
  if (err.additionalData !== undefined) body.additional_data = err.additionalData;
  return body;
}
