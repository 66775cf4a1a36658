/** What a customer's phone numbers may hold, shared by the edit drawer and the profile's phone actions. */
export const MAX_PHONES = 5;
export const MAX_PHONE_LENGTH = 40;
export const MAX_PHONE_LABEL_LENGTH = 20;
/** Suggested kinds; the labels are in the locale files under customers.phoneLabels. */
export const PHONE_LABELS = ['mobile', 'home', 'work'] as const;
