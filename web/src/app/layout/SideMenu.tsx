import { Menu, type MenuProps } from 'antd';
import { HomeOutlined } from '@ant-design/icons';
import { useT } from '../../i18n/useT';
import { Link, useLocation } from 'react-router';
import { useAuth } from '../auth-context';
import { ADMIN_PAGES, WORK_PAGES, type MenuPage } from '../navigation';

type MenuItem = Required<MenuProps>['items'][number];

/** Menu keys are route paths; only pages the user may open are listed. */
export function SideMenu() {
  const { t } = useT();
  const { can } = useAuth();
  const { pathname } = useLocation();

  const itemsFor = (pages: readonly MenuPage[]): MenuItem[] =>
    pages
      .filter((page) => can(page.permission))
      .map((page) => ({ key: page.path, icon: page.icon, label: <Link to={page.path}>{t(page.labelKey)}</Link> }));
  const adminItems = itemsFor(ADMIN_PAGES);
  const items: MenuItem[] = [
    { key: '/', icon: <HomeOutlined />, label: <Link to="/">{t('nav.workbench')}</Link> },
    ...itemsFor(WORK_PAGES),
    ...(adminItems.length > 0 ? [{ type: 'group' as const, key: 'admin', label: t('nav.adminGroup'), children: adminItems }] : []),
  ];
  // A page's sub-pages (a customer profile under /customers) keep its menu entry lit; the
  // longest matching path wins, so /work-orders/backlog lights 滞留工单, not 工单.
  const activePage = [...WORK_PAGES, ...ADMIN_PAGES]
    .filter((page) => pathname === page.path || pathname.startsWith(`${page.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0];
  const selectedKeys = activePage ? [activePage.path] : pathname === '/' ? ['/'] : [];

  return <Menu data-testid="side-menu" theme="dark" mode="inline" items={items} selectedKeys={selectedKeys} />;
}
