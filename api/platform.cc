// placeholder until the platform lands
namespace wenjin::api {}
