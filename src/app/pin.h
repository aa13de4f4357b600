/* pin.h: the kiosk PIN, kept only as a salted slow hash (yescrypt through libcrypt's
 * crypt_r) in a file readable by its owner only. The PIN itself is never stored. */
#ifndef INFOKAART_PIN_H
#define INFOKAART_PIN_H

#include <stdbool.h>
#include <stddef.h>

#define PIN_MIN_LEN 4
#define PIN_MAX_LEN 32

/* The PIN file paths: the user's ($XDG_CONFIG_HOME/infokaart/pin, else
 * ~/.config/infokaart/pin) and the system's (/etc/infokaart/pin). malloc'd. */
char *pin_user_path(void);
#define PIN_SYSTEM_PATH "/etc/infokaart/pin"

/* Checks a new PIN: PIN_MIN_LEN..PIN_MAX_LEN printable ASCII characters. */
bool pin_acceptable(const char *pin);

/* Hashes pin with a fresh random salt into out (at least 256 bytes). Returns 0 or -1. */
int pin_hash(const char *pin, char *out, size_t n);

/* True when pin matches the stored hash (constant-time compare of the hashes). */
bool pin_verify(const char *pin, const char *hash);

/* Writes the hash to path atomically (folder 0700, file 0600). Returns 0 or -1 (errno). */
int pin_write(const char *path, const char *hash);

/* Reads the stored hash (malloc'd, trailing newline removed), or NULL when there is none. */
char *pin_read(const char *path);

#endif
