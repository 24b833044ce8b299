export { type CustomerContact, customerContact } from './customer-channel.ts';
export { NOTICE_TEXTS, type NoticeKind, renderNotice } from './notice-texts.ts';
export { DELIVERY_JOB, type Notice, notify } from './notify.ts';
