import { createDatabase, retrieveDatabase, updateDatabase } from './handlers/databases.js';
import { createDataSource, listTemplates, retrieveDataSource, updateDataSource } from './handlers/data-sources.js';
import { createPage, retrievePage, updatePage } from './handlers/pages.js';
import { queryDataSource, search } from './handlers/query.js';
import { listUsers, me, retrieveUser } from './handlers/users.js';
import { deleteBlock, listBlockChildren } from './handlers/blocks.js';
import type { Handler } from './handlers/context.js';
import { createView, deleteView, listViews, retrieveView, updateView } from './handlers/views.js';
import { createViewQuery, deleteViewQuery, getViewQueryResults } from './handlers/view-queries.js';

/** A route: `write` requests change state (fault `commit-then-5xx` applies to them only). */
export interface Route {
  readonly handler: Handler;
  readonly write: boolean;
}

/** Matches `/v1/...` path segments and a method to a route; null when no endpoint matches. */
export function route(method: string, segs: readonly string[]): Route | null {
  const [a, id, sub] = segs;
  const n = segs.length;
  const r = (handler: Handler, write = false): Route => ({ handler, write });
  switch (a) {
    case 'databases':
      if (n === 1 && method === 'POST') return r(createDatabase, true);
      if (n === 2 && method === 'GET') return r(retrieveDatabase);
      if (n === 2 && method === 'PATCH') return r(updateDatabase, true);
      return null;
    case 'data_sources':
      if (n === 1 && method === 'POST') return r(createDataSource, true);
      if (n === 2 && method === 'GET') return r(retrieveDataSource);
      if (n === 2 && method === 'PATCH') return r(updateDataSource, true);
      if (n === 3 && sub === 'query' && method === 'POST') return r(queryDataSource);
      if (n === 3 && sub === 'templates' && method === 'GET') return r(listTemplates);
      return null;
    case 'pages':
      if (n === 1 && method === 'POST') return r(createPage, true);
      if (n === 2 && method === 'GET') return r(retrievePage);
      if (n === 2 && method === 'PATCH') return r(updatePage, true);
      return null;
    case 'blocks':
      if (n === 2 && method === 'DELETE') return r(deleteBlock, true);
      if (n === 3 && sub === 'children' && method === 'GET') return r(listBlockChildren);
      return null;
    case 'views':
      if (n === 1 && method === 'GET') return r(listViews);
      if (n === 1 && method === 'POST') return r(createView, true);
      if (n === 2 && method === 'GET') return r(retrieveView);
      if (n === 2 && method === 'PATCH') return r(updateView, true);
      if (n === 2 && method === 'DELETE') return r(deleteView, true);
      if (n === 3 && sub === 'queries' && method === 'POST') return r(createViewQuery);
      if (n === 4 && sub === 'queries' && method === 'GET') return r(getViewQueryResults);
      if (n === 4 && sub === 'queries' && method === 'DELETE') return r(deleteViewQuery);
      return null;
    case 'search':
      return n === 1 && method === 'POST' ? r(search) : null;
    case 'users':
      if (n === 1 && method === 'GET') return r(listUsers);
      if (n === 2 && id === 'me' && method === 'GET') return r(me);
      if (n === 2 && method === 'GET') return r(retrieveUser);
      return null;
    default:
      return null;
  }
}
