namespace wenjin::analysis {}
