import type { PortalRoutes } from '../portal-server';
import { approvalsRoutes } from './approvals.routes';
import { collectionsRoutes } from './collections.routes';
import { companySignInRoutes } from './company-sign-in.routes';
import { invoicesRoutes } from './invoices.routes';
import { overviewRoutes } from './overview.routes';
import { sessionRoutes } from './session.routes';
import { upcomingRoutes } from './upcoming.routes';

/** Every page of the portal; docs/portal.md lists the API calls behind each. */
export const PORTAL_ROUTES: readonly PortalRoutes[] = [sessionRoutes, companySignInRoutes, overviewRoutes, approvalsRoutes, invoicesRoutes, collectionsRoutes, upcomingRoutes];
