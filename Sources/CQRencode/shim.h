// libqrencode from the system (Debian: libqrencode-dev), found through pkg-config "libqrencode".
#include <qrencode.h>
