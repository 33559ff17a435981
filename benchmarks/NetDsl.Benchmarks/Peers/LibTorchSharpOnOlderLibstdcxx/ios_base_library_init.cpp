// GCC 13's libstdc++ initializes the standard streams through std::ios_base_library_init(); GCC 12's, which Debian 12
// ships, through ios_base::Init objects and lacks the function. This defines it the older way.
#include <ios>

namespace std
{
    void ios_base_library_init()
    {
        static ios_base::Init init;
    }
}
