// Search, the incoming call, the guided new claim, service cases and referrals.
export const intakeRoutes = [];
