import { z } from 'zod';
import { publicUserSchema } from './records';

/** Answers of the sign-in and account routes (docs/API.md). */

export const loginResponseSchema = z.object({ token: z.string().min(1), user: publicUserSchema }).meta({ id: 'LoginResponse' });

export const userResponseSchema = z.object({ user: publicUserSchema }).meta({ id: 'UserResponse' });

export const usersListResponseSchema = z.object({ users: z.array(publicUserSchema) }).meta({ id: 'UsersListResponse' });

export const okResponseSchema = z.object({ ok: z.literal(true) }).meta({ id: 'OkResponse' });
