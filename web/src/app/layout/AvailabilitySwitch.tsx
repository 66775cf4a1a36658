import { App, Badge, Select } from 'antd';
import { AVAILABILITY_STATUSES, type AvailabilityStatus } from '@kefu/contracts';
import { useT } from '../../i18n/useT';
import { useMyAvailability, useSetMyAvailabilityMutation } from '../../api/work-orders';
import { useReportError } from '../../components/useReportError';
import { useCurrentUser } from '../auth-context';

const STATUS_BADGES: Record<AvailabilityStatus, 'success' | 'warning' | 'default'> = {
  online: 'success',
  away: 'warning',
  offline: 'default',
};

/** The agent's own availability (WO-10): automatic assignment skips agents who are away or offline. */
export function AvailabilitySwitch() {
  const { t } = useT();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const reportError = useReportError();
  const availability = useMyAvailability(user);
  const change = useSetMyAvailabilityMutation();
  const status = change.isPending ? change.variables : availability.data?.status;

  return (
    <Select<AvailabilityStatus>
      value={status}
      placeholder={t('availability.placeholder')}
      loading={availability.isPending || change.isPending}
      onChange={(next) =>
        change.mutate(next, {
          onSuccess: () => void message.success(t('availability.changed', { status: t(`shared:workOrders.availability.${next}`) })),
          onError: (error) => reportError(error),
        })
      }
      options={AVAILABILITY_STATUSES.map((value) => ({
        value,
        label: <Badge status={STATUS_BADGES[value]} text={t(`shared:workOrders.availability.${value}`)} />,
      }))}
      variant="borderless"
      popupMatchSelectWidth={false}
      style={{ width: 96 }}
      aria-label={t('availability.label')}
      data-testid="availability-switch"
    />
  );
}
