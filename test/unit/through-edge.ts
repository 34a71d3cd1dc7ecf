import type { Caller } from '../../shared/platform/principals';
import { admit, admitBody, readJson, type ApiCall } from '../../shared/http/api-call';
import { routeById, type ApiRouteId } from '../../shared/platform/api';

type CallOn<Id extends ApiRouteId> = Extract<ApiCall, { routeId: Id }>;

/**
 * A request as the API's edge admits it for a route (the middleware's own checks, in its order:
 * the JSON, then the caller, then the body against the route's schema), for tests that start
 * from what a department sends.
 */
export function throughEdge<Id extends ApiRouteId>(id: Id, request: { caller: Caller | undefined; department?: string; body?: string | null }): CallOn<Id> {
  const route = routeById(id);
  const json = route.body === 'none' ? undefined : readJson(request.body ?? null);
  return admit(route, request.caller, request.department, json) as CallOn<Id>;
}

/** A body as the edge parses it for a route, from the value a department would send as JSON. */
export function bodyFor<Id extends ApiRouteId>(id: Id, value: unknown): CallOn<Id>['body'] {
  return admitBody(routeById(id), JSON.parse(JSON.stringify(value))) as CallOn<Id>['body'];
}
