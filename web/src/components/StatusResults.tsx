import { Button, Result, Spin } from 'antd';
import { useT } from '../i18n/useT';
import { Link } from 'react-router';
import { isApiError } from '../api/client';

export function FullPageLoading() {
  const { t } = useT();
  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center' }}>
      <Spin size="large" description={t('common.loading')} />
    </div>
  );
}

export function SectionLoading() {
  return (
    <div style={{ padding: 48, display: 'grid', placeItems: 'center' }}>
      <Spin />
    </div>
  );
}

export function LoadFailedResult({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useT();
  return (
    <Result
      status="error"
      title={t('common.loadFailed')}
      subTitle={isApiError(error) ? error.message : t('common.unexpectedError')}
      extra={
        onRetry && (
          <Button type="primary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )
      }
    />
  );
}

/** Router links need the router; these results are only rendered inside it. */
function BackToWorkbench() {
  const { t } = useT();
  return (
    <Link to="/">
      <Button type="primary">{t('errorPages.backToWorkbench')}</Button>
    </Link>
  );
}

export function ForbiddenResult() {
  const { t } = useT();
  return <Result status="403" title={t('errorPages.forbiddenTitle')} subTitle={t('errorPages.forbidden')} extra={<BackToWorkbench />} />;
}

export function NotFoundResult() {
  const { t } = useT();
  return <Result status="404" title={t('errorPages.notFoundTitle')} subTitle={t('errorPages.notFound')} extra={<BackToWorkbench />} />;
}

/**
 * Shown by the router when a page fails to render, most often because a new release
 * replaced the page's code while this tab was open: reloading fetches the new version.
 */
export function PageFailedResult() {
  const { t } = useT();
  return (
    <Result
      status="error"
      title={t('errorPages.crashedTitle')}
      subTitle={t('errorPages.crashed')}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('errorPages.reload')}
        </Button>
      }
    />
  );
}
