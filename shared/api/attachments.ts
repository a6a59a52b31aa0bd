import { z } from 'zod';
import { ATTACHMENT_TYPES } from '../attachments/attachmentType';

/** POST /api/attachments: the stored file, to be attached with an `attachment:add` change. */
export const attachmentReceiptSchema = z
  .object({
    id: z.string().meta({ description: 'The attachment id to name in `attachment:add` and to read it at GET /api/attachments/<id>.' }),
    size: z.number().int().min(1).meta({ description: 'Bytes.' }),
    contentType: z
      .enum(ATTACHMENT_TYPES)
      .meta({ description: 'The type the server found in the bytes (never the name or the request header); it is served with this type.' }),
  })
  .meta({ id: 'AttachmentReceipt' });
