import type { Phone } from '../api/types';
import { t } from '../strings';

/**
 * What Ponte knows about one phone: whether it parses, whether it is a mobile, whether the
 * provider said it is not on WhatsApp, whether the customer asked not to be messaged. Older
 * answers may lack the last three; then only validity is shown.
 */
export function PhoneBadges({ phone }: { phone: Partial<Phone> & { e164: string | null } }) {
  const c = t.customer;
  if (phone.e164 === null) return <span className="badge badge-danger">{c.invalid}</span>;
  const badges = [
    <span key="valid" className="badge badge-success">
      {c.valid}
    </span>,
  ];
  if (phone.mobile === false)
    badges.push(
      <span key="type" className="badge badge-neutral">
        {c.landline}
      </span>,
    );
  if (phone.mobile === true && phone.whatsapp !== 'no')
    badges.push(
      <span key="wa" className="badge badge-info">
        {c.whatsapp}
      </span>,
    );
  if (phone.whatsapp === 'no')
    badges.push(
      <span key="wa" className="badge badge-danger">
        {c.notWhatsapp}
      </span>,
    );
  if (phone.optedOut)
    badges.push(
      <span key="opt" className="badge badge-warning">
        {c.optedOut}
      </span>,
    );
  return <>{badges}</>;
}
