import { MessagingTables1763769600000 } from './1763769600000-messaging-tables';

/** In the order they apply. */
export const milestoneMigrations = [MessagingTables1763769600000];
