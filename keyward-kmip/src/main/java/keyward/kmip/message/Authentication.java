package keyward.kmip.message;

import java.util.List;
import keyward.kmip.bind.Required;

/** Authentication: one Credential in 1.x, one or more in 2.x. */
public record Authentication(@Required List<Credential> credential) {}
