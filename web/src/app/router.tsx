import { createBrowserRouter } from 'react-router';
import { NotFoundResult, PageFailedResult } from '../components/StatusResults';
import { LoginPage } from '../features/auth/LoginPage';
import { SessionsPage } from '../features/auth/SessionsPage';
import { SetupPage } from '../features/auth/SetupPage';
import { WorkbenchPage } from '../features/workbench/WorkbenchPage';
import { RequireAuth, RequirePermission } from './guards';
import { AppLayout } from './layout/AppLayout';
import { ADMIN_PAGES, DETAIL_PAGES, SESSIONS_PATH, WORK_PAGES } from './navigation';

const failed = <PageFailedResult />;

export const router = createBrowserRouter([
  { path: '/setup', element: <SetupPage />, errorElement: failed },
  { path: '/login', element: <LoginPage />, errorElement: failed },
  {
    errorElement: failed,
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      // Child routes fail inside the layout, so the menu stays usable.
      { index: true, element: <WorkbenchPage />, errorElement: failed },
      { path: SESSIONS_PATH, element: <SessionsPage />, errorElement: failed },
      ...[...WORK_PAGES, ...DETAIL_PAGES, ...ADMIN_PAGES].map(({ path, permission, Page }) => ({
        path,
        element: (
          <RequirePermission permission={permission}>
            <Page />
          </RequirePermission>
        ),
        errorElement: failed,
      })),
      { path: '*', element: <NotFoundResult /> },
    ],
  },
]);
