/** The shape of the sign-in form; `attemptSignIn` checks the credentials and the throttle. Messages are `public` catalog keys. */
import { z } from "zod";

export const SignInSchema = z.object({
  email: z.string().trim().min(1, "public:validation.emailRequired").max(320, "public:validation.emailTooLong"),
  password: z.string().min(1, "public:validation.passwordRequired").max(1024, "public:validation.passwordTooLong"),
  redirectTo: z.string().optional(),
});
