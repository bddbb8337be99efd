// The working-day calendar behind the public notice's length: holidays on weekdays and make-up
// workdays on weekends (调休). Setting a day to kind 'none' removes it.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Body } from '../../api/client';

export const useCalendar = () => useQuery({ queryKey: ['calendar'], queryFn: async () => unwrap(await api.GET('/api/v1/calendar')) });

export const setCalendarDay = async (body: Body<'setCalendarDay'>) => unwrap(await api.POST('/api/v1/calendar', { body }));
