import { IntakeForm } from '../work-orders/intake/IntakePage';

/** 投诉登记: the 5W1H intake with the complaint register's own fields; the server files it as a 投诉 order. */
export function ComplaintIntakePage() {
  return <IntakeForm variant="complaint" />;
}
