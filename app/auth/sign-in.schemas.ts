/** The shape of the sign-in form; `attemptSignIn` checks the credentials and the throttle. */
import { z } from "zod";

export const SignInSchema = z.object({
  email: z.string().trim().min(1, "Enter your e-mail address.").max(320, "That e-mail address is too long."),
  password: z.string().min(1, "Enter your password.").max(1024, "That password is too long."),
  redirectTo: z.string().optional(),
});
