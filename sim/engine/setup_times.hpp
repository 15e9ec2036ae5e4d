// How long each setup stage of one job attempt took (docs/setup.md): what the engine tells its
// observer when a job's setup ends.
#pragma once

namespace ppusim {

struct SetupTimes {
  double provisioning_s = 0;
  double image_pull_s = 0;
  double staging_s = 0;
  double checkpoint_load_s = 0;
  double init_s = 0;

  double total_s() const { return provisioning_s + image_pull_s + staging_s + checkpoint_load_s + init_s; }
};

}  // namespace ppusim
